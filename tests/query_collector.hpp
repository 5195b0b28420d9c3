#pragma once
// A query observer that keeps every finished query's record by id (the world tests).

#include <map>

#include "world/query_record.hpp"

namespace splitsim::test {

struct Collector : QueryObserver {
  std::map<std::uint64_t, QueryRecord> records;
  void on_query(const QueryRecord& r) override { records[r.id] = r; }
};

}  // namespace splitsim::test
