#include <catch2/catch.hpp>

#include "core/input_error.hpp"
#include "core/json_reader.hpp"
#include "link/trace_reader.hpp"
#include "server/load_trace_reader.hpp"
#include "link/trace_stats.hpp"
#include "test_paths.hpp"

using namespace splitsim;

TEST_CASE("trace_reader: every shared trace loads and its mean matches SOURCES.md within 1 %", "[shared]") {
  struct Case {
    std::string file;
    SampleConvention convention;
    double mean;  // Mbps, or percent for load traces
    double duration_s;
  };
  const std::string dir = test::shared_dir() + "/traces/";
  const std::vector<Case> bandwidth{
      {"mahimahi/Verizon-LTE-short.up", SampleConvention::start, 5.95, 140},
      {"mahimahi/TMobile-UMTS-driving.up", SampleConvention::start, 0.94, 931},
      {"hsdpa/bus.ljansbakken-oslo-report.2010-09-30_1114CEST.log", SampleConvention::end, 3.57, 1414},
      {"hsdpa/train.oslo-vestby-report.2011-02-14_0644CET.log", SampleConvention::end, 1.44, 2432},
      {"wifi/wifi_cafe_231115-151422.txt", SampleConvention::start, 7.85, 200},
      {"wifi/wifi_office_231114-151821.txt", SampleConvention::start, 7.57, 200},
      {"wifi/wifi_campus_231115-192852.txt", SampleConvention::start, 72.3, 200},
  };
  for (const Case& c : bandwidth) {
    INFO(c.file);
    TraceStats s = capacity_stats(read_bandwidth_trace(dir + c.file, TraceFormat::auto_detect, c.convention));
    CHECK(s.mean == Approx(c.mean).epsilon(0.01));
    CHECK(s.duration_s == Approx(c.duration_s).epsilon(0.01));
  }
  const std::vector<Case> load{{"server-load/planetlab-1_cs_colostate_edu_root", SampleConvention::start, 18.7, 86400},
                               {"server-load/planetlab-n2_wand_net_nz_uw_oneswarm", SampleConvention::start, 13.0, 86400},
                               {"server-load/planetslug3_cse_ucsc_edu_root", SampleConvention::start, 37.7, 86400}};
  for (const Case& c : load) {
    INFO(c.file);
    TraceStats s = load_stats(read_load_trace(dir + c.file, 300, LoadUnit::percent));
    CHECK(s.mean * 100 == Approx(c.mean).epsilon(0.01));
    CHECK(s.duration_s == Approx(c.duration_s));
  }
}

TEST_CASE("trace_reader: load traces") {
  SECTION("constant") { CHECK(read_load_trace("constant:40").at(SimTime::from_seconds(7)) == Approx(0.4)); }
  SECTION("constant fraction") {
    CHECK(read_load_trace("constant:0.25", 300, LoadUnit::fraction).mean() == Approx(0.25));
  }
  SECTION("above 100 % is an error") { CHECK_THROWS_AS(read_load_trace("constant:140"), UsageError); }
}

TEST_CASE("trace_stats: quantiles interpolate linearly") {
  CHECK(quantile({1, 2, 3, 4}, 0.5) == Approx(2.5));
  CHECK(quantile({5}, 0.9) == Approx(5));
  CHECK(quantile({0, 10}, 0.1) == Approx(1));
}

TEST_CASE("trace_reader: the shipped example traces load and follow their models") {
  for (std::string name : {"wifi", "lte", "3g"}) {
    INFO(name);
    std::string dir = test::source_dir() + "/scenarios/traces/";
    TraceStats s = capacity_stats(read_bandwidth_trace(dir + name + ".txt"));
    CHECK(s.duration_s == Approx(600));
    Json model = read_json_file(dir + "models/" + name + ".json");
    CHECK(s.mean == Approx(model["mean_mbps"].get<double>()).epsilon(0.10));
  }
}
