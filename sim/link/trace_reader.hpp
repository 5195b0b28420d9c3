#pragma once
// Reading bandwidth traces (Mahimahi, two-column text, constant). docs/links.md
// documents the formats and the meaning of a sample in each.

#include <string>
#include <string_view>

#include "core/enum_names.hpp"

#include "link/capacity_trace.hpp"

namespace splitsim {

enum class TraceFormat { auto_detect, mahimahi, two_column };
/// Which interval a two-column sample covers: [t_i, t_i+1) ("start", default) or (t_i-1, t_i] ("end",
/// as in the Pensieve/HSDPA files).
enum class SampleConvention { start, end };

inline constexpr EnumName<TraceFormat> kTraceFormatNames[] = {
    {TraceFormat::auto_detect, "auto"}, {TraceFormat::mahimahi, "mahimahi"}, {TraceFormat::two_column, "two-column"}};
inline constexpr EnumName<SampleConvention> kSampleConventionNames[] = {{SampleConvention::start, "start"},
                                                                       {SampleConvention::end, "end"}};

TraceFormat parse_trace_format(std::string_view name);            ///< UsageError when unknown
SampleConvention parse_sample_convention(std::string_view name);  ///< UsageError when unknown

/// Reads a bandwidth trace file. "constant:<Mbps>" is a constant link. Bad files are InputErrors naming
/// the line.
CapacityTrace read_bandwidth_trace(const std::string& spec, TraceFormat format = TraceFormat::auto_detect,
                                   SampleConvention convention = SampleConvention::start);

}  // namespace splitsim
