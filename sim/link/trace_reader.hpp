#pragma once
// Reading bandwidth traces (Mahimahi, two-column text, constant). docs/links.md
// documents the formats and the meaning of a sample in each.

#include <string>
#include <string_view>

#include "core/enum_names.hpp"

#include "link/capacity_trace.hpp"

namespace splitsim {

enum class TraceFormat { auto_detect, mahimahi, two_column };
/// Which interval a two-column sample covers: [t_i, t_i+1) ("start") or (t_i-1, t_i] ("end", as in the
/// Pensieve/HSDPA files); "auto" (default) chooses by the spacing of the timestamps (see read_bandwidth_trace).
enum class SampleConvention { start, end, automatic };

inline constexpr EnumName<TraceFormat> kTraceFormatNames[] = {
    {TraceFormat::auto_detect, "auto"}, {TraceFormat::mahimahi, "mahimahi"}, {TraceFormat::two_column, "two-column"}};
inline constexpr EnumName<SampleConvention> kSampleConventionNames[] = {
    {SampleConvention::automatic, "auto"}, {SampleConvention::start, "start"}, {SampleConvention::end, "end"}};

/// How a trace file was read: the format and convention used, and why when `auto` chose them.
struct TraceReading {
  TraceFormat format = TraceFormat::auto_detect;
  SampleConvention convention = SampleConvention::automatic;
  std::string why;  ///< empty when the caller named both
};

TraceFormat parse_trace_format(std::string_view name);            ///< UsageError when unknown
SampleConvention parse_sample_convention(std::string_view name);  ///< UsageError when unknown

/// Reads a bandwidth trace file. "constant:<Mbps>" is a constant link. Bad files are InputErrors naming
/// the line. Auto-detection: one column is Mahimahi, two columns two-column; a two-column trace whose
/// timestamps sit on a clock's grid (90 % within 5 % of a multiple of the median spacing) is read with
/// convention `start` (a sampler on a clock, as iperf logs), one whose stamps drift with `end` (a log that
/// stamps each value when its measurement ends, as Pensieve's HSDPA files). `how`, when given, receives what
/// was chosen and why.
CapacityTrace read_bandwidth_trace(const std::string& spec, TraceFormat format = TraceFormat::auto_detect,
                                   SampleConvention convention = SampleConvention::automatic,
                                   TraceReading* how = nullptr);

}  // namespace splitsim
