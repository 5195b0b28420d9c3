#pragma once
// A partitioning policy (docs/scenarios.md, "Partitioners"): a row of traits and a decision over a read-only
// view of what the policy may know. Each policy is one file defining its PolicyTraits; policy_registry.cpp
// lists them. Validation, the docs table and the schema's pattern are derived from the registry.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/units.hpp"
#include "link/capacity_trace.hpp"
#include "link/shared_link.hpp"
#include "partition/cost_table.hpp"
#include "partition/cut_book.hpp"
#include "radio/radio.hpp"
#include "server/server_pool.hpp"

namespace splitsim {

/// What the client believes when it decides (the realistic information: its own estimates and probes).
struct Beliefs {
  double uplink_bps = 1e6;      ///< estimated bandwidth
  double server_slowdown = 1.0; ///< from the load last probed
  double server_wait_ms = 0.0;  ///< backlog last probed
  double download_ms = 0.0;     ///< result transfer, when counted
  double upload_power_w = 0.0;  ///< radio power while sending at the estimated bandwidth
};

/// What only an oracle sees: the exact future link capacity and the present state of the client's processor,
/// radio and link and of the server's queue.
struct ClientFuture {
  SimTime now;
  SimTime mobile_free_at;  ///< when the client's processor finishes its earlier queries
  const Radio* radio = nullptr;
  const RadioProfile* radio_profile = nullptr;
  const SharedLink* link = nullptr;
  const CapacityTrace* uplink = nullptr;
  Duration trace_offset;
  const ServerPool* server = nullptr;
  double mobile_slowdown = 1.0;  ///< the phone's load and speed now (its processor's time x this)
  SimTime server_free;        ///< when FIFO would hand this query a worker
  double service_draw = 1.0;  ///< this query's service-time multiplier
  std::optional<Duration> download;  ///< the result's download, when counted
};

/// Per-network state a policy builds once (e.g. min-cut's graph); null for policies without.
class PolicyState {
 public:
  virtual ~PolicyState() = default;
};

/// What a radio-aware policy knows besides the beliefs: the client's radio now (its state and timers, from the
/// radio profile) and its arrival process, as the expected time of the next query.
struct RadioView {
  SimTime now;
  const Radio* radio = nullptr;
  const RadioProfile* profile = nullptr;
  double arrival_rate_per_s = 0;    ///< exponential gaps at this rate (0: no next query)
  std::optional<SimTime> next_arrival;  ///< a periodic client's next query, known exactly
};

struct DecisionView {
  const CostTable& costs;
  CutBook& book;                  ///< the replica's cuts; a policy choosing a non-prefix cut registers it
  const Beliefs& beliefs;         ///< filled for policies that use beliefs
  const ClientFuture* future;     ///< non-null for policies that use the future
  int fixed_index = 0;            ///< the layer argument of a "name:<layer>" policy
  PolicyState* state = nullptr;
  const RadioView* radio = nullptr;  ///< non-null for policies that use the radio
  double slo_ms = 0;                 ///< the client group's deadline, for policies that need one
};

enum class Objective { none, latency, energy };

struct PolicyTraits {
  std::string_view name;         ///< as written in scenarios; "fixed" is written "fixed:<layer>"
  std::string_view description;  ///< the docs table's text (Markdown)
  std::string_view optimises;    ///< what its choice minimises, in a few words (the run table's legend)
  Objective objective = Objective::none;
  bool needs_power_model = false;  ///< refused on a mobile platform without one
  bool needs_slo = false;          ///< refused for a client group without a deadline (slo_ms)
  bool uses_beliefs = false;       ///< bandwidth estimate and probed server state (the client probes first)
  bool uses_server_view = false;   ///< the server's present queue
  bool uses_future_link = false;   ///< the exact future capacity of the link
  bool uses_radio = false;         ///< the radio's state and the client's arrival process (RadioView)
  bool takes_layer = false;        ///< written name:<layer>
  bool follows_plan = false;       ///< replays the offline optimum's plan (the world plans it before the run)
  int (*decide)(const DecisionView&) = nullptr;
  /// Per-network state; null when the policy needs none for this network.
  std::unique_ptr<PolicyState> (*make_state)(const Network&) = nullptr;
};

/// Every policy, in the order of the docs table.
const std::vector<const PolicyTraits*>& policies();

/// A compared partitioner: a policy, its argument and its modifiers (docs/scenarios.md, "Truth and belief").
struct Partitioner {
  const PolicyTraits* policy = nullptr;
  int fixed_index = 0;  ///< takes_layer: the split index
  std::string name;     ///< as written ("fixed:pool5", "neurosurgeon-latency+phone+learn", ...)
  bool knows_phone_load = false;  ///< `+phone`: believed mobile times x the phone's measured load slowdown
  bool learns = false;            ///< `+learn`: believed times corrected by what the client observes
  bool adjusts_costs() const { return knows_phone_load || learns; }
};

/// Parses a partitioner name for `net`; a bad name or an unknown layer is a std::invalid_argument with the
/// problem.
Partitioner parse_partitioner(const std::string& name, const Network& net);
/// Why `p` cannot run with these costs and this client group (it needs a power model the platform lacks, or a
/// deadline the group does not set), or empty.
std::string policy_refusal(const Partitioner& p, const CostTable& costs, const std::string& mobile_platform,
                           bool has_slo = false);

/// The docs table of the policies (Markdown) and the JSON Schema pattern of a partitioner name.
std::string policy_table_markdown();
std::string policy_name_pattern();

}  // namespace splitsim
