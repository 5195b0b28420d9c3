#pragma once
// The C interface of the ONNX converter module (libsplitsim_onnx.so, sim/onnx_module/). The module links Debian's
// libonnx and protobuf; only the commands that read an ONNX model load it (dlopen), so every other command starts
// without those libraries (#15). Plain C types only: no C++ object or exception crosses the boundary.

#include <cstddef>

extern "C" {

/// The interface's version; the loader refuses a module that reports another.
constexpr int kSplitsimOnnxAbi = 1;

/// The splitsim layer type an operator without attributes imports as ("Relu" -> "relu"), or null.
using SplitsimOnnxLayerType = const char* (*)(const char* op_type);

/// Receives one string (not NUL-terminated) from the module.
using SplitsimOnnxSink = void (*)(void* context, const char* text, std::size_t size);

/// Converts the ONNX model at `path` into splitsim's network format. Returns 0 after sending the document (as
/// CBOR); 1 for bad input, after sending the place in the model, then the problem; 2 for anything else, after
/// sending a message.
using SplitsimOnnxConvert = int (*)(const char* path, SplitsimOnnxLayerType layer_type, SplitsimOnnxSink sink,
                                    void* context);

/// Returns kSplitsimOnnxAbi of the module's build.
using SplitsimOnnxAbiVersion = int (*)();
}
