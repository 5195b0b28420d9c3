#!/usr/bin/python3
"""ONNX import end to end (python3-onnx writes the models). Usage: onnx_import_test.py SPLITSIM WORKDIR NETWORKS_DIR

1. Small graphs using every supported operator, with weights as initializers and without weights, import; every
   layer's output shape agrees with ONNX's own shape inference.
2. The shipped DAG networks (networks/onnx/*.onnx) agree with ONNX's shape inference, layer by layer.
3. Bad files (truncated, not ONNX, an unsupported operator, a dynamic shape) exit 2 with one line naming the file.
4. The executable does not link protobuf or libonnx (they are in the converter module, loaded by the commands
   above only), so that every other command starts without them."""
import glob
import json
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper, shape_inference

splitsim, work, networks = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
failures = []


def show(path):
    r = subprocess.run([splitsim, "network", "show", path, "--format", "json"], capture_output=True, text=True)
    if r.returncode != 0:
        failures.append(f"{path}: exit {r.returncode}: {r.stderr.strip()}")
        return None
    return json.loads(r.stdout)


def inferred_shapes(model):
    g = shape_inference.infer_shapes(model, strict_mode=True).graph
    shapes = {}
    for v in list(g.value_info) + list(g.output) + list(g.input):
        shapes[v.name] = [d.dim_value for d in v.type.tensor_type.shape.dim]
    return shapes


def compare(path, model):
    net = show(path)
    if net is None:
        return 0
    shapes = inferred_shapes(model)
    checked = 0
    for layer in net["layers"][1:]:
        for alias in layer.get("aliases", []):
            if alias not in shapes:
                failures.append(f"{path}: ONNX inferred no shape for {alias}")
                continue
            onnx_shape = shapes[alias]
            ours = layer["output_shape"]
            if int(np.prod(onnx_shape)) != layer["output_elements"] or (len(onnx_shape) in (2, 4) and onnx_shape != ours):
                failures.append(f"{path}: {layer['name']} ({alias}): splitsim {ours}, ONNX {onnx_shape}")
            if layer["output_bytes"] != 4 * layer["output_elements"]:
                failures.append(f"{path}: {layer['name']}: {layer['output_bytes']} bytes for {layer['output_elements']} fp32 elements")
            checked += 1
    return checked


def weight(name, shape, weights):
    """A parameter: an initializer when weights are exported, else a graph input with its shape."""
    if weights:
        return [numpy_helper.from_array(np.zeros(shape, dtype=np.float32), name)], []
    return [], [helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)]


def every_operator(weights):
    inits, inputs, nodes = [], [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3, 32, 32])], []
    def param(name, shape):
        i, v = weight(name, shape, weights)
        inits.extend(i)
        inputs.extend(v)
    param("w1", [16, 3, 3, 3]); param("b1", [16])
    nodes.append(helper.make_node("Identity", ["w1"], ["w1i"], name="/w/Identity"))
    nodes.append(helper.make_node("Conv", ["x", "w1i", "b1"], ["c1"], name="/conv1/Conv", pads=[1, 1, 1, 1], strides=[1, 1]))
    param("bn_s", [16]); param("bn_b", [16]); param("bn_m", [16]); param("bn_v", [16])
    nodes.append(helper.make_node("BatchNormalization", ["c1", "bn_s", "bn_b", "bn_m", "bn_v"], ["bn"], name="/bn/BatchNormalization"))
    nodes.append(helper.make_node("Clip", ["bn"], ["r6"], name="/relu6/Clip"))
    param("w2", [16, 8, 3, 3])
    nodes.append(helper.make_node("Conv", ["r6", "w2"], ["c2"], name="/grouped/Conv", group=2, pads=[2, 2, 2, 2], dilations=[2, 2]))
    nodes.append(helper.make_node("Relu", ["c2"], ["r2"], name="/relu/Relu"))
    nodes.append(helper.make_node("Add", ["r2", "r6"], ["sum"], name="/block/Add"))
    nodes.append(helper.make_node("MaxPool", ["sum"], ["mp"], name="/pool/MaxPool", kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1))
    param("w3", [8, 16, 1, 1])
    nodes.append(helper.make_node("Conv", ["mp", "w3"], ["c3"], name="/branch/Conv", strides=[1, 1]))
    nodes.append(helper.make_node("AveragePool", ["mp"], ["ap"], name="/branch2/AveragePool", kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1]))
    nodes.append(helper.make_node("Concat", ["c3", "ap"], ["cat"], name="/cat/Concat", axis=1))
    nodes.append(helper.make_node("LRN", ["cat"], ["lrn"], name="/norm/LRN", size=5))
    nodes.append(helper.make_node("Sigmoid", ["lrn"], ["sig"], name="/gate/Sigmoid"))
    nodes.append(helper.make_node("LeakyRelu", ["sig"], ["lk"], name="/act/LeakyRelu", alpha=0.1))
    nodes.append(helper.make_node("Tanh", ["lk"], ["th"], name="/act/Tanh"))
    nodes.append(helper.make_node("GlobalAveragePool", ["th"], ["gap"], name="/gap/GlobalAveragePool"))
    nodes.append(helper.make_node("Flatten", ["gap"], ["flat"], name="/Flatten", axis=1))
    param("wf", [10, 24]); param("bf", [10])
    nodes.append(helper.make_node("Gemm", ["flat", "wf", "bf"], ["fc"], name="/fc/Gemm", transB=1))
    nodes.append(helper.make_node("Dropout", ["fc"], ["drop"], name="/drop/Dropout"))
    param("wm", [10, 6])
    nodes.append(helper.make_node("MatMul", ["drop", "wm"], ["mm"], name="/proj/MatMul"))
    nodes.append(helper.make_node("Constant", [], ["shape"], name="/shape/Constant",
                                  value=numpy_helper.from_array(np.array([2, -1], dtype=np.int64))))
    nodes.append(helper.make_node("Reshape", ["mm", "shape"], ["rs"], name="/Reshape"))
    nodes.append(helper.make_node("Softmax", ["rs"], ["prob"], name="/softmax/Softmax", axis=1))
    graph = helper.make_graph(nodes, "every_operator", inputs, [helper.make_tensor_value_info("prob", TensorProto.FLOAT, [2, 6])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    return model


for weights in (True, False):
    model = every_operator(weights)
    path = os.path.join(work, f"every_operator_{'weights' if weights else 'shapes_only'}.onnx")
    onnx.save(model, path)
    n = compare(path, model)
    if n != 21:  # every node but Identity and Constant makes a layer
        failures.append(f"{path}: {n} layers compared, expected 21")
    r = subprocess.run([splitsim, "network", "import", path, "--out", path + ".json", "--force"], capture_output=True, text=True)
    if r.returncode != 0 or json.load(open(path + ".json"))["batch"] != 2:
        failures.append(f"network import {path}: {r.returncode} {r.stderr}")

shipped = sorted(glob.glob(os.path.join(networks, "onnx", "*.onnx")))
if len(shipped) < 3:
    failures.append(f"expected at least 3 shipped ONNX networks, found {shipped}")
for path in shipped:
    n = compare(path, onnx.load(path))
    print(f"{os.path.basename(path)}: {n} layers agree with ONNX shape inference")


def expect_error(name, path, pattern):
    r = subprocess.run([splitsim, "network", "show", path], capture_output=True, text=True)
    lines = r.stderr.strip().splitlines()
    if r.returncode != 2 or len(lines) != 1 or pattern not in lines[0] or os.path.basename(path) not in lines[0] or r.stdout:
        failures.append(f"bad ONNX ({name}): exit {r.returncode}, stderr {r.stderr!r}")
    else:
        print(f"bad ONNX ({name}): {lines[0]}")


data = open(shipped[0], "rb").read()
open(os.path.join(work, "truncated.onnx"), "wb").write(data[: len(data) // 3])
expect_error("truncated", os.path.join(work, "truncated.onnx"), "not an ONNX model")
open(os.path.join(work, "text.onnx"), "w").write("this is not a protobuf\n" * 20)
expect_error("not ONNX", os.path.join(work, "text.onnx"), "not an ONNX model")
x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 8, 8])
g = helper.make_graph([helper.make_node("Relu", ["x"], ["r"], name="/a/Relu"), helper.make_node("Erf", ["r"], ["e"], name="/b/Erf")],
                      "g", [x], [helper.make_tensor_value_info("e", TensorProto.FLOAT, [1, 4, 8, 8])])
onnx.save(helper.make_model(g), os.path.join(work, "unsupported.onnx"))
expect_error("unsupported operator", os.path.join(work, "unsupported.onnx"), 'node 1 (Erf "/b/Erf"): unsupported operator Erf')
xd = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4, 8, 8])
g = helper.make_graph([helper.make_node("Relu", ["x"], ["r"], name="/a/Relu")], "g", [xd],
                      [helper.make_tensor_value_info("r", TensorProto.FLOAT, ["batch", 4, 8, 8])])
onnx.save(helper.make_model(g), os.path.join(work, "dynamic.onnx"))
expect_error("dynamic shape", os.path.join(work, "dynamic.onnx"), 'dynamic dimension "batch" without a value')
# A node the converter accepts but the network checks refuse: the error names the ONNX node, not the
# converted document's /layers/N.
w = helper.make_tensor_value_info("w", TensorProto.FLOAT, [4, 4, 11, 11])
g = helper.make_graph([helper.make_node("Conv", ["x", "w"], ["c"], name="/big/Conv", kernel_shape=[11, 11])], "g", [x, w],
                      [helper.make_tensor_value_info("c", TensorProto.FLOAT, [1, 4, 1, 1])])
onnx.save(helper.make_model(g), os.path.join(work, "kernel_too_large.onnx"))
expect_error("kernel larger than its input", os.path.join(work, "kernel_too_large.onnx"), 'node "')
r = subprocess.run([splitsim, "network", "show", os.path.join(work, "kernel_too_large.onnx")], capture_output=True, text=True)
if "/layers/" in r.stderr or 'output "c"' not in r.stderr:
    failures.append(f"bad ONNX error placed in the converted document: {r.stderr!r}")

# 4. Start-up: protobuf and libonnx are the converter module's, never the executable's.
r = subprocess.run(["ldd", splitsim], capture_output=True, text=True)
if r.returncode != 0 or "libc.so" not in r.stdout:
    failures.append(f"ldd {splitsim}: exit {r.returncode}: {r.stderr.strip()}")
for lib in ("libprotobuf", "libonnx"):
    if lib in r.stdout:
        failures.append(f"{splitsim} links {lib}: ONNX import belongs in the converter module (libsplitsim_onnx.so)")

if failures:
    print("\n".join(failures[:30]))
    sys.exit(1)
print("ok")
