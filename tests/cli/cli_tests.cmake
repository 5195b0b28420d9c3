# CLI tests: each runs build/splitsim once and checks its exit code and output (tests/cli/check.sh).

set(SPLITSIM_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/cli/check.sh)
set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/data)

function(splitsim_cli_test name expected_exit regex)
  add_test(NAME "cli: ${name}" COMMAND ${SPLITSIM_CHECK} ${expected_exit} "${regex}" $<TARGET_FILE:splitsim> ${ARGN})
endfunction()

# Usage
splitsim_cli_test("--help lists the commands" 0 "network" --help)
# Only the command named first registers its options; the help still lists every command, and each command (the
# second of a file too) still has its options.
splitsim_cli_test("--help lists the last command" 0 "describe +print a reference table" --help)
splitsim_cli_test("--version" 0 "^[0-9]+[.][0-9]+[.][0-9]+" --version)
splitsim_cli_test("run --help" 0 "--replications" run --help)
splitsim_cli_test("merge --help" 0 "--out" merge --help)
splitsim_cli_test("predict --help" 0 "--platform" predict --help)
splitsim_cli_test("network show --help" 0 "--format" network show --help)
splitsim_cli_test("unknown command" 2 "^splitsim: error: unknown command \"frobnicate\"" frobnicate)
splitsim_cli_test("unknown option" 2 "^splitsim: error: .*--colour" network show imc --colour)
splitsim_cli_test("bad format" 2 "^splitsim: error: .*--format" network show imc --format xml)
splitsim_cli_test("unknown shipped network" 2 "unknown network \"alexnet\".*imc, vgg" network show alexnet)

# network show
splitsim_cli_test("network show imc" 0 "pool5 +maxpool +1x256x6x6 +9,216 +36,864" network show imc)
splitsim_cli_test("network show csv header" 0 "^index,name,type,output_shape,output_elements,output_bytes,mflops$"
                  network show imc --format csv)
splitsim_cli_test("network show csv input row" 0 "^0,input,input,1x3x227x227,154587,618348,0.00$"
                  network show imc --format csv)
splitsim_cli_test("network show json" 0 "\"output_bytes\": 36864" network show imc --format json)
splitsim_cli_test("network show by path" 0 "^ASR \\(Kaldi DNN\\)" network show ${CMAKE_SOURCE_DIR}/networks/asr.json)

# Bad network files: one line naming the file, the JSON path and the problem; exit 2.
splitsim_cli_test("bad network: missing file" 2 "nope.json: cannot open file" network show ${BAD}/networks/nope.json)
splitsim_cli_test("bad network: invalid JSON" 2 "invalid_json.json: line [0-9]+, column [0-9]+: invalid JSON: .*unexpected end of input"
                  network show ${BAD}/networks/invalid_json.json)
splitsim_cli_test("bad network: unknown key" 2 "unknown_key.json: /layers/0/strides: unknown key \"strides\""
                  network show ${BAD}/networks/unknown_key.json)
splitsim_cli_test("bad network: unknown top-level key" 2 "unknown_top_key.json: /batchsize: unknown key"
                  network show ${BAD}/networks/unknown_top_key.json)
splitsim_cli_test("bad network: unknown type" 2 "unknown_type.json: /layers/1/type: unknown layer type \"convolution\""
                  network show ${BAD}/networks/unknown_type.json)
splitsim_cli_test("bad network: missing parameter" 2
                  "missing_param.json: /layers/0: missing required key \"num_output\""
                  network show ${BAD}/networks/missing_param.json)
splitsim_cli_test("bad network: wrong value type" 2
                  "wrong_type.json: /layers/0/num_output: expected an integer, found the string \"96\""
                  network show ${BAD}/networks/wrong_type.json)
splitsim_cli_test("bad network: unknown input" 2 "unknown_input.json: /layers/2/inputs/1: unknown input layer \"conv9\""
                  network show ${BAD}/networks/unknown_input.json)
splitsim_cli_test("bad network: cyclic input" 2
                  "cyclic_input.json: /layers/[0-9]+/inputs: cyclic input reference: .* -> .* -> "
                  network show ${BAD}/networks/cyclic_input.json)
splitsim_cli_test("bad network: add shape mismatch" 2
                  "add_mismatch.json: /layers/2: layer \"sum\": add inputs must have equal shapes"
                  network show ${BAD}/networks/add_mismatch.json)
splitsim_cli_test("bad network: concat shape mismatch" 2
                  "concat_mismatch.json: /layers/2: layer \"cat\": concat inputs must agree"
                  network show ${BAD}/networks/concat_mismatch.json)
splitsim_cli_test("bad network: zero size" 2
                  "zero_size.json: /layers/0/num_output: expected an integer between 1 and [0-9]+, found 0"
                  network show ${BAD}/networks/zero_size.json)
splitsim_cli_test("bad network: negative size" 2
                  "negative_size.json: /input/shape/1: expected an integer between 1 and [0-9]+, found -227"
                  network show ${BAD}/networks/negative_size.json)
splitsim_cli_test("bad network: negative stride" 2
                  "negative_stride.json: /layers/0/stride: expected an integer between 1 and [0-9]+, found -2"
                  network show ${BAD}/networks/negative_stride.json)
splitsim_cli_test("bad network: kernel larger than input" 2
                  "kernel_too_large.json: /layers/0: layer \"conv1\": kernel 11x11 does not fit"
                  network show ${BAD}/networks/kernel_too_large.json)
splitsim_cli_test("bad network: empty layers" 2 "empty_layers.json: /layers: expected a non-empty array"
                  network show ${BAD}/networks/empty_layers.json)
splitsim_cli_test("bad network: unknown dtype" 2 "bad_dtype.json: /input/dtype: unknown element type \"float8\""
                  network show ${BAD}/networks/bad_dtype.json)
splitsim_cli_test("bad network: not an object" 2 "not_object.json: /: expected an object, found an array"
                  network show ${BAD}/networks/not_object.json)

# trace commands
set(TRACES ${CMAKE_CURRENT_SOURCE_DIR}/data/traces)
splitsim_cli_test("trace transfer prints a bare number first" 0 "^3\\.500000000$"
                  trace transfer ${TRACES}/steps.txt --bytes 1500000 --at 0.5)
splitsim_cli_test("trace transfer on a constant link" 0 "^0\\.001000000$" trace transfer constant:8 --bytes 1000 --at 0)
splitsim_cli_test("trace info mean" 0 "^mean_mbps: 4\\.0000$" trace info ${TRACES}/steps.txt)
splitsim_cli_test("bad trace: empty" 2 "empty.txt: empty trace: no samples" trace info ${TRACES}/empty.txt)
splitsim_cli_test("bad trace: comments only" 2 "comments_only.txt: empty trace" trace info ${TRACES}/comments_only.txt)
splitsim_cli_test("bad trace: non-monotonic time" 2 "nonmonotonic.txt: line 3: time 1 s is not after the previous sample's 1 s"
                  trace info ${TRACES}/nonmonotonic.txt)
splitsim_cli_test("bad trace: decreasing Mahimahi" 2 "decreasing.up: line 2: time 3 ms is before the previous 5 ms"
                  trace info ${TRACES}/decreasing.up)
splitsim_cli_test("bad trace: negative value" 2 "negative.txt: line 2: negative value -2" trace info ${TRACES}/negative.txt)
splitsim_cli_test("bad trace: NaN" 2 "nan.txt: line 2: \"nan\" is not a finite number" trace info ${TRACES}/nan.txt)
splitsim_cli_test("bad trace: not a number" 2 "word.txt: line 2: expected a number, found \"fast\"" trace info ${TRACES}/word.txt)
splitsim_cli_test("bad trace: all-zero capacity" 2 "allzero.txt: zero capacity throughout the trace" trace info ${TRACES}/allzero.txt)
splitsim_cli_test("bad trace: ragged columns" 2 "ragged.txt: line 2: expected 2 value\\(s\\) per line" trace info ${TRACES}/ragged.txt)
splitsim_cli_test("bad trace: missing file" 2 "nope.txt: cannot open file" trace info ${TRACES}/nope.txt)
splitsim_cli_test("bad trace: a directory" 2 "traces: is a directory" trace info ${TRACES})
splitsim_cli_test("bad trace: zero constant" 2 "bad constant link \"constant:0\"" trace info constant:0)
splitsim_cli_test("bad trace: load above 100 %" 2 "steps.txt: line 2: load 8 is above 100 % \\(fraction trace\\)" trace info ${TRACES}/steps.txt --kind load --unit fraction)
splitsim_cli_test("trace transfer: negative bytes" 2 "--bytes must be positive" trace transfer constant:8 --bytes -5 --at 0)

# calibrate, predict, profile
set(PROFILES ${CMAKE_CURRENT_SOURCE_DIR}/data/profiles)
set(TMP ${CMAKE_CURRENT_BINARY_DIR}/cli-tmp)
file(MAKE_DIRECTORY ${TMP})
splitsim_cli_test("bad profile: missing column" 2 "missing_column.csv: line 1: missing column \"stride\""
                  calibrate --profile ${PROFILES}/missing_column.csv --out ${TMP}/x-1.json --force)
splitsim_cli_test("bad profile: non-numeric latency" 2 "non_numeric.csv: line 2, column latency_ms: expected a number, found \"fast\""
                  calibrate --profile ${PROFILES}/non_numeric.csv --out ${TMP}/x-2.json --force)
splitsim_cli_test("bad profile: negative latency" 2 "negative.csv: line 2, column latency_ms: negative value -0.5"
                  calibrate --profile ${PROFILES}/negative.csv --out ${TMP}/x-3.json --force)
splitsim_cli_test("bad profile: unknown layer type" 2 "unknown_type.csv: line 2, column layer_type: unknown layer type \"convolution\""
                  calibrate --profile ${PROFILES}/unknown_type.csv --out ${TMP}/x-4.json --force)
splitsim_cli_test("bad profile: empty file" 2 "empty.csv: empty file: no header row"
                  calibrate --profile ${PROFILES}/empty.csv --out ${TMP}/x-5.json --force)
splitsim_cli_test("bad profile: header only" 2 "header_only.csv: empty profile"
                  calibrate --profile ${PROFILES}/header_only.csv --out ${TMP}/x-6.json --force)
splitsim_cli_test("bad profile: too few samples" 2 "two_rows.csv: layer type conv has only 2 sample\\(s\\); at least 3"
                  calibrate --profile ${PROFILES}/two_rows.csv --out ${TMP}/x-7.json --force)
splitsim_cli_test("bad profile: missing file" 2 "nope.csv: cannot open file"
                  calibrate --profile ${PROFILES}/nope.csv --out ${TMP}/x-8.json --force)
splitsim_cli_test("bad importer" 2 "unknown importer \"caffe\"" calibrate --profile ${PROFILES}/two_rows.csv --importer caffe --out ${TMP}/x-9.json)
splitsim_cli_test("predict imc on jetson-cpu" 0 "^total,,,,,[0-9.]+,,[0-9.]+$" predict --platform jetson-cpu --network imc --format csv)
splitsim_cli_test("predict: unknown platform" 2 "unknown platform \"tk1\"" predict --platform tk1 --network imc)

# The host path end to end: profile (quick), calibrate, validate on a held-out quick profile.
add_test(NAME "cli: profile, calibrate and validate on this host"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/host_roundtrip.sh $<TARGET_FILE:splitsim> ${TMP}/host)
if(SPLITSIM_HAVE_SHARED)
  add_test(NAME "shared: calibrate-platforms regenerates calibration/ byte for byte"
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/regenerate_platforms.sh ${CMAKE_SOURCE_DIR} ${TMP}/platforms)
  add_test(NAME "shared: the worked study of docs/study.md runs, command by command, on a fresh copy"
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/readme_snippets.py $<TARGET_FILE:splitsim> ${CMAKE_SOURCE_DIR}
                   ${TMP}/study docs/study.md --shared ${SPLITSIM_SHARED_DIR})
endif()

# run: bad scenarios give one line naming the file, the JSON path and the problem
set(SC ${CMAKE_CURRENT_SOURCE_DIR}/data/scenarios)
splitsim_cli_test("bad scenario: invalid JSON" 2 "invalid_json.json: line [0-9]+, column [0-9]+: invalid JSON" run ${SC}/invalid_json.json --out ${TMP}/bad-10)
splitsim_cli_test("bad scenario: unknown key" 2 "unknown_key.json: /clients/0/netwrok: unknown key \"netwrok\"" run ${SC}/unknown_key.json --out ${TMP}/bad-11)
splitsim_cli_test("bad scenario: wrong type" 2 "wrong_type.json: /clients/0/count: expected an integer, found the string \"ten\"" run ${SC}/wrong_type.json --out ${TMP}/bad-12)
splitsim_cli_test("bad scenario: missing scenario file" 2 "nope.json: cannot open file" run ${SC}/nope.json --out ${TMP}/bad-13)
splitsim_cli_test("bad scenario: missing network file" 2 "missing_network.json: /clients/0/network: cannot open \"nets/missing.json\"" run ${SC}/missing_network.json --out ${TMP}/bad-14)
splitsim_cli_test("bad scenario: missing trace file" 2 "missing_trace.json: /clients/0/uplink/trace: cannot open \"traces/missing.txt\"" run ${SC}/missing_trace.json --out ${TMP}/bad-15)
splitsim_cli_test("bad scenario: missing include" 2 "missing_include.json: /include: cannot open included file \"nope.json\"" run ${SC}/missing_include.json --out ${TMP}/bad-16)
splitsim_cli_test("bad scenario: include cycle" 2 "cycle_a.json: /include: include cycle" run ${SC}/cycle_a.json --out ${TMP}/bad-17)
splitsim_cli_test("bad scenario: unknown partitioner" 2 "unknown_partitioner.json: /partitioners/0: unknown partitioner \"neurosurgeon\"" run ${SC}/unknown_partitioner.json --out ${TMP}/bad-18)
splitsim_cli_test("bad scenario: fixed split at an unknown layer" 2 "bad_fixed_layer.json: /partitioners/0: network IMC has no layer \"conv9\"" run ${SC}/bad_fixed_layer.json --out ${TMP}/bad-19)
splitsim_cli_test("bad scenario: negative rate" 2 "negative_rate.json: /clients/0/arrival/rate_per_s: expected a number between 1e-09 and 1000000, found -1" run ${SC}/negative_rate.json --out ${TMP}/bad-20)
splitsim_cli_test("bad scenario: zero horizon" 2 "zero_horizon.json: /horizon_s: expected a number between 1e-09 and 1000000000, found 0" run ${SC}/zero_horizon.json --out ${TMP}/bad-21)
splitsim_cli_test("bad scenario: load above 99 %" 2 "load_too_high.json: /server/load_level: expected a number between 0 and 0.99, found 1.5" run ${SC}/load_too_high.json --out ${TMP}/bad-22)
splitsim_cli_test("bad scenario: no clients" 2 "empty_clients.json: /clients: expected a non-empty array" run ${SC}/empty_clients.json --out ${TMP}/bad-23)
splitsim_cli_test("bad scenario: energy objective without power" 2 "energy_without_power.json: /partitioners/0: neurosurgeon-energy needs a mobile power model" run ${SC}/energy_without_power.json --out ${TMP}/bad-24)
# Truth and belief, a loaded phone (docs/scenarios.md): bad settings name the setting
set(TINY ${CMAKE_CURRENT_SOURCE_DIR}/data/unit/tiny.json)
splitsim_cli_test("bad scenario: belief error of an unknown layer type" 2
                  "tiny.json: /clients/0/belief/layer_error/convolution: unknown layer type \"convolution\""
                  run ${TINY} --out ${TMP}/bad-belief-1 --set "clients.0.belief.layer_error={\"convolution\":2}")
splitsim_cli_test("bad scenario: belief layer errors not an object" 2
                  "tiny.json: /clients/0/belief/layer_error: expected an object of layer type: factor, found the number 3"
                  run ${TINY} --out ${TMP}/bad-belief-2 --set clients.0.belief.layer_error=3)
splitsim_cli_test("bad scenario: zero belief error" 2 "tiny.json: /clients/0/belief/error: expected a number between 1e-06"
                  run ${TINY} --out ${TMP}/bad-belief-3 --set clients.0.belief.error=0)
splitsim_cli_test("bad scenario: missing believed platform" 2 "tiny.json: /server/belief/platform: cannot open \"nope.json\""
                  run ${TINY} --out ${TMP}/bad-belief-4 --set server.belief.platform=nope.json)
splitsim_cli_test("bad scenario: phone load level and trace" 2 "tiny.json: /clients/0/phone/load_trace: sets both load_trace and load_level"
                  run ${TINY} --out ${TMP}/bad-phone-1 --set clients.0.phone.load_level=0.5 --set clients.0.phone.load_trace=constant:20)
splitsim_cli_test("bad scenario: phone speed zero" 2 "tiny.json: /clients/0/phone/speed_trace: speed factor 0 is not above 0"
                  run ${TINY} --out ${TMP}/bad-phone-2 --set clients.0.phone.speed_trace=constant:0)
splitsim_cli_test("bad scenario: phone speed above 1" 2 "tiny.json: /clients/0/phone/speed_trace: speed factors must be in \\(0, 1\\]"
                  run ${TINY} --out ${TMP}/bad-phone-3 --set clients.0.phone.speed_trace=constant:1.5)
splitsim_cli_test("bad scenario: missing phone speed trace" 2 "tiny.json: /clients/0/phone/speed_trace: cannot open \"nope.txt\""
                  run ${TINY} --out ${TMP}/bad-phone-4 --set clients.0.phone.speed_trace=nope.txt)
splitsim_cli_test("bad scenario: +learn on a policy without beliefs" 2
                  "tiny.json: /partitioners/0: local-only does not decide on beliefs, so \\+phone and \\+learn do not apply"
                  run ${TINY} --out ${TMP}/bad-phone-5 --set "partitioners=[\"local-only+learn\"]")
splitsim_cli_test("bad scenario: zero learning weight" 2 "tiny.json: /clients/0/learning_weight: expected a number between 1e-06 and 1"
                  run ${TINY} --out ${TMP}/bad-phone-6 --set clients.0.learning_weight=0)
splitsim_cli_test("run: a mispredicting belief is reported per partitioner" 0 "neurosurgeon-latency +100.0 %  \\+3.13 ms"
                  run ${CMAKE_CURRENT_SOURCE_DIR}/data/unit/believed.json --out ${TMP}/belief-run --force)
splitsim_cli_test("run: a registered policy by name (min-upload)" 0 "min-upload +610 "
                  run ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json --out ${TMP}/min-upload --force
                  --set "partitioners=[\"cloud-only\",\"min-upload\"]")
splitsim_cli_test("bad scenario: min-cut energy objective without power" 2 "mincut_energy_without_power.json: /partitioners/1: mincut-energy needs a mobile power model, and platform server-cpu has none" run ${SC}/mincut_energy_without_power.json --out ${TMP}/bad-24b)
splitsim_cli_test("bad scenario: unknown platform" 2 "unknown_platform.json: /clients/0/mobile_platform: unknown platform \"pixel9\"" run ${SC}/unknown_platform.json --out ${TMP}/bad-25)
splitsim_cli_test("bad scenario: unknown arrival process" 2 "unknown_arrival.json: /clients/0/arrival/process: unknown value \"bursty\"" run ${SC}/unknown_arrival.json --out ${TMP}/bad-26)
splitsim_cli_test("bad --set path" 2 "bad --set path \"clients.7.count\": index 7 is out of range" run ${SC}/good.json --out ${TMP}/bad-27 --set clients.7.count=2)
splitsim_cli_test("bad --set value" 2 "good.json: /clients/0/count: expected an integer between 1 and [0-9]+, found -3" run ${SC}/good.json --out ${TMP}/bad-28 --set clients.0.count=-3)
splitsim_cli_test("bad --set syntax" 2 "bad --set \"horizon\": expected path=value" run ${SC}/good.json --out ${TMP}/bad-29 --set horizon)
add_test(NAME "cli: run refuses to overwrite without --force"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/no_overwrite.sh $<TARGET_FILE:splitsim> ${SC}/good.json ${TMP}/exists)
add_test(NAME "cli: run gives the same bytes with 1 and 2 threads"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/same_bytes.sh $<TARGET_FILE:splitsim>
                 ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json ${TMP}/threads)

# Golden scenarios: every example runs and its summary matches the reviewed reference in tests/golden/.
file(GLOB SPLITSIM_EXAMPLES ${CMAKE_SOURCE_DIR}/scenarios/examples/*.json)
foreach(example ${SPLITSIM_EXAMPLES})
  get_filename_component(name ${example} NAME_WE)
  add_test(NAME "golden: ${name}"
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/golden.sh $<TARGET_FILE:splitsim> ${example}
                   ${CMAKE_CURRENT_SOURCE_DIR}/golden/${name}.summary.json ${TMP}/golden-${name})
endforeach()

# The JSON Schema in docs/ accepts every shipped scenario and a resolved one.
file(GLOB SPLITSIM_SCENARIO_FILES ${CMAKE_SOURCE_DIR}/scenarios/examples/*.json ${CMAKE_SOURCE_DIR}/scenarios/paper/*.json
     ${CMAKE_SOURCE_DIR}/scenarios/bases/*.json ${CMAKE_SOURCE_DIR}/scenarios/study/*.json
     ${CMAKE_SOURCE_DIR}/scenarios/bench/bench.json)
list(FILTER SPLITSIM_SCENARIO_FILES EXCLUDE REGEX "paper/paper\\.json$")  # the experiment list, not a scenario
add_test(NAME "cli: scenario files validate against docs/scenario.schema.json"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/validate_schema.py ${CMAKE_SOURCE_DIR}/docs/scenario.schema.json
                 ${SPLITSIM_SCENARIO_FILES} ${CMAKE_SOURCE_DIR}/tests/golden/resolved-example.json)
file(GLOB SPLITSIM_SWEEP_FILES ${CMAKE_SOURCE_DIR}/scenarios/sweeps/*.json)
add_test(NAME "cli: sweep files validate against docs/sweep.schema.json"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/validate_schema.py ${CMAKE_SOURCE_DIR}/docs/sweep.schema.json
                 ${SPLITSIM_SWEEP_FILES})
file(GLOB SPLITSIM_NETWORK_FILES ${CMAKE_SOURCE_DIR}/networks/*.json)
add_test(NAME "cli: network files validate against docs/network.schema.json"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/validate_schema.py ${CMAKE_SOURCE_DIR}/docs/network.schema.json
                 ${SPLITSIM_NETWORK_FILES})

add_test(NAME "structure: every source file under 400 lines, every function under 60"
         COMMAND ${CMAKE_SOURCE_DIR}/scripts/check-structure)
add_test(NAME "docs: generated tables and schema match the code"
         COMMAND ${CMAKE_SOURCE_DIR}/scripts/update-docs --check --splitsim $<TARGET_FILE:splitsim>)

# sweep and merge
set(SW ${CMAKE_CURRENT_SOURCE_DIR}/data/sweeps)
add_test(NAME "cli: sweep sharded and merged equals the whole sweep, byte for byte"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/shard_merge.sh $<TARGET_FILE:splitsim>
                 ${CMAKE_SOURCE_DIR}/scenarios/sweeps/alexnet-bandwidth-load.json ${TMP}/sweep)
splitsim_cli_test("bad sweep: unknown key" 2 "unknown_key.json: /extra: unknown key" sweep ${SW}/unknown_key.json --out ${TMP}/badsweep-30)
splitsim_cli_test("bad sweep: no axes" 2 "no_axes.json: /axes: expected a non-empty array" sweep ${SW}/no_axes.json --out ${TMP}/badsweep-31)
splitsim_cli_test("bad sweep: missing scenario" 2 "missing_scenario.json: /scenario: cannot open scenario \"nope.json\"" sweep ${SW}/missing_scenario.json --out ${TMP}/badsweep-32)
splitsim_cli_test("bad sweep: a value the scenario rejects" 2 "bad_value.json: /axes/0/values/1: value \"1.5\" of axis load: .*/server/load_level: expected a number between 0 and 0.99" sweep ${SW}/bad_value.json --out ${TMP}/badsweep-33)
splitsim_cli_test("bad sweep: values not an array" 2 "values_not_array.json: /axes/0/values: expected a non-empty array" sweep ${SW}/values_not_array.json --out ${TMP}/badsweep-34)
splitsim_cli_test("bad sweep: invalid JSON" 2 "invalid_json.json: line [0-9]+, column [0-9]+: invalid JSON" sweep ${SW}/invalid_json.json --out ${TMP}/badsweep-35)
splitsim_cli_test("bad shard: zero" 2 "bad --shard \"0/4\": I must be between 1 and N" sweep ${SW}/no_axes.json --out ${TMP}/badsweep-36 --shard 0/4)
splitsim_cli_test("bad shard: past N" 2 "bad --shard \"5/4\": I must be between 1 and N" sweep ${CMAKE_SOURCE_DIR}/scenarios/sweeps/alexnet-bandwidth-load.json --out ${TMP}/badsweep-37 --shard 5/4)
splitsim_cli_test("bad shard: not I/N" 2 "bad --shard \"two\": expected I/N" sweep ${CMAKE_SOURCE_DIR}/scenarios/sweeps/alexnet-bandwidth-load.json --out ${TMP}/badsweep-38 --shard two)
splitsim_cli_test("bad merge: not a sweep folder" 2 "sweep.json: cannot open file" merge ${TMP} --out ${TMP}/merged-bad-39)

# The paper reproduction: structure and invariants of its outputs.
add_test(NAME "cli: splitsim paper writes every file and keeps its invariants"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/paper_invariants.sh $<TARGET_FILE:splitsim> ${TMP}/paper)
add_test(NAME "paper: every setting of paper.json acts on the outputs it concerns"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/paper_settings.py $<TARGET_FILE:splitsim> ${TMP}/paper-settings
                 ${CMAKE_SOURCE_DIR}/scenarios/paper)
splitsim_cli_test("paper: the headline aggregates beside the abstract's" 0
                  "latency speedup, geometric mean of the 48 cells \\| [0-9.]+× \\| 3.1× \\| [0-9.]+ \\|"
                  paper --out ${TMP}/paper-headline --force)
splitsim_cli_test("paper: refuses to overwrite" 2 "exists; use --force" paper --out ${CMAKE_CURRENT_SOURCE_DIR})

# ONNX import: every operator, shipped DAG networks against ONNX shape inference, bad files.
add_test(NAME "cli: ONNX import agrees with ONNX shape inference; bad ONNX files exit 2"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/onnx_import_test.py $<TARGET_FILE:splitsim> ${TMP}/onnx ${CMAKE_SOURCE_DIR}/networks)
splitsim_cli_test("network import writes a network file" 0 "imported .*resnet18.onnx: 49 layers \\(DAG layer graph\\)"
                  network import ${CMAKE_SOURCE_DIR}/networks/onnx/resnet18.onnx --out ${TMP}/resnet18.json --force)
splitsim_cli_test("network show accepts an .onnx path" 0 "layer1.0.add +add"
                  network show ${CMAKE_SOURCE_DIR}/networks/onnx/resnet18.onnx)
splitsim_cli_test("bad ONNX: missing file" 2 "nope.onnx: cannot open file" network show ${TMP}/nope.onnx)
splitsim_cli_test("bad sweep: a bundle without settings" 2 "bundle_without_set.json: /axes/0/values/0: missing required key \"set\"" sweep ${SW}/bundle_without_set.json --out ${TMP}/badsweep-40)
splitsim_cli_test("sweep: DAG networks cut by min-cut" 0 "21 of 21 grid points" sweep ${CMAKE_SOURCE_DIR}/scenarios/sweeps/dag-bandwidth.json --out ${TMP}/dagsweep --force)

# Output safety (docs/outputs.md): every way an --out could destroy or half-write something.
foreach(case bare-folders inputs other-kind full-disk parents stale-scratch lock checks-first sweep-replaces)
  add_test(NAME "cli: output safety: ${case}"
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/output_safety.sh $<TARGET_FILE:splitsim> ${CMAKE_SOURCE_DIR}
                   ${TMP}/safety-${case} ${case})
endforeach()
add_test(NAME "cli: merge refuses tampered, foreign, duplicated and crafted shards"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/shard_integrity.py $<TARGET_FILE:splitsim>
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/sweeps/tiny.json ${TMP}/integrity)

# Profiles as tools write them: windowless layers with kernel/stride 0 or empty are fine; a conv's is not.
splitsim_cli_test("profile: kernel 0 or empty on relu, fc, softmax" 0 "wrote .*windowless.json"
                  calibrate --profile ${PROFILES}/windowless_zero.csv --out ${TMP}/windowless.json --force)
splitsim_cli_test("bad profile: kernel 0 on a conv" 2 "conv_kernel_zero.csv: line 3, column kernel: expected an integer of at least 1, found 0"
                  calibrate --profile ${PROFILES}/conv_kernel_zero.csv --out ${TMP}/x-41.json --force)

# Stretched predictions are announced on stderr, one line per (platform, layer type); predict --format csv
# says which model and which bound gave each number.
splitsim_cli_test("predict: warns of a type without a model of its own" w
                  "^splitsim: warning: platform server-gpu, add layers: no add layer was measured"
                  predict --platform server-gpu --network resnet18)
splitsim_cli_test("predict: warns of a layer outside its model's data" w
                  "^splitsim: warning: platform jetson-cpu, fc layers: fc of wide batch lies [0-9]+x outside the (MFLOP|batch) range"
                  predict --platform jetson-cpu --network ${BAD}/networks/wide_batch.json)
splitsim_cli_test("run: prints the warnings of its platforms once the run succeeded" w
                  "^splitsim: warning: platform server-gpu, conv layers: its model's cross-validated median error"
                  run ${SC}/good.json --out ${TMP}/warned --force)
splitsim_cli_test("predict --format csv names the bound that gave each number" 0 "^1,fc,fc,fc,(compute|memory|model),"
                  predict --platform jetson-cpu --network ${BAD}/networks/wide_batch.json --format csv)

# Numbers and inputs at the edges (docs/limits.md): each class of the reliability reproducers, exit 2 with
# one line naming the file and the place, within the test's time.
set(LIM ${CMAKE_CURRENT_SOURCE_DIR}/data/limits)
splitsim_cli_test("limits: JSON nested too deep" 2 "deep_nesting.json: /comment(/0)+: nested deeper than 64 levels" run ${LIM}/deep_nesting.json --out ${TMP}/lim-1)
splitsim_cli_test("limits: duplicate JSON key" 2 "duplicate_key.json: /clients/0/count: duplicate key \"count\"" run ${LIM}/duplicate_key.json --out ${TMP}/lim-2)
splitsim_cli_test("limits: number beyond a double" 2 "number_overflow.json: line 1, column 15: a number beyond the range of a double" run ${LIM}/number_overflow.json --out ${TMP}/lim-3)
splitsim_cli_test("limits: --set number beyond a double" 2 "bad --set \"horizon_s=1e400\": the number is beyond the range of a double" run ${SC}/good.json --out ${TMP}/lim-4 --set horizon_s=1e400)
splitsim_cli_test("limits: invalid UTF-8" 2 "bad_utf8.json: line 1, column [0-9]+: invalid JSON: .*ill-formed UTF-8" network show ${LIM}/bad_utf8.json)
splitsim_cli_test("limits: near-zero constant link" 2 "bad constant link \"constant:1e-300\": the rate must be between" trace transfer constant:1e-300 --bytes 1e9 --at 0)
splitsim_cli_test("limits: an upload that never completes" 2 "would not complete within 1e\\+09 s" trace transfer constant:1e-6 --bytes 1e15 --at 0)
splitsim_cli_test("limits: --bytes too large" 2 "--bytes must be positive and at most 1e\\+15" trace transfer constant:8 --bytes 1e18 --at 0)
splitsim_cli_test("limits: --at too late" 2 "--at must be between 0 and 1e\\+09 s" trace transfer constant:8 --bytes 1000 --at 1e10)
splitsim_cli_test("limits: Mahimahi time beyond the limit" 2 "late.up: line 2: time 9300000000000 ms is beyond the limit" trace info ${LIM}/late.up)
splitsim_cli_test("limits: bandwidth sample out of range" 2 "huge_rate.txt: line 1: bandwidth 1e\\+308 Mbps is outside" trace info ${LIM}/huge_rate.txt)
splitsim_cli_test("limits: samples closer than a nanosecond" 2 "too_fine.txt: line 2: samples closer than a nanosecond" trace info ${LIM}/too_fine.txt)
splitsim_cli_test("limits: load trace step NaN" 2 "bad load trace step nan s" trace info ${TRACES}/steps.txt --kind load --step nan)
splitsim_cli_test("limits: load trace step 1e300" 2 "bad load trace step 1e\\+300 s" trace info ${TRACES}/steps.txt --kind load --step 1e300)
splitsim_cli_test("limits: a device as a trace" 2 "/dev/zero: not a regular file" trace info /dev/zero)
splitsim_cli_test("limits: trace generate --duration inf" 2 "--duration must be positive and at most" trace generate ${CMAKE_SOURCE_DIR}/scenarios/traces/models/lte.json --duration inf)
splitsim_cli_test("limits: probe period 1e19" 2 "/server/probe_period_s: expected a number between 1e-06 and 1000000000, found 1e\\+19" run ${SC}/good.json --out ${TMP}/lim-5 --set server.probe_period_s=1e19)
splitsim_cli_test("limits: arrival rate 1e9" 2 "/clients/0/arrival/rate_per_s: expected a number between 1e-09 and 1000000" run ${SC}/good.json --out ${TMP}/lim-6 --set clients.0.arrival.rate_per_s=1e9)
splitsim_cli_test("limits: arrival period 1e-9" 2 "/clients/0/arrival/period_s: expected a number between 1e-06" run ${SC}/good.json --out ${TMP}/lim-7 --set clients.0.arrival.process=periodic --set clients.0.arrival.period_s=1e-9)
splitsim_cli_test("limits: horizon 1e12" 2 "/horizon_s: expected a number between 1e-09 and 1000000000" run ${SC}/good.json --out ${TMP}/lim-8 --set horizon_s=1e12)
splitsim_cli_test("limits: work bound on queries" 2 "good.json: about 4e\\+09 queries .* exceed the limit of 1e\\+08; raise it with --max-queries" run ${SC}/good.json --out ${TMP}/lim-9 --set clients.0.arrival.rate_per_s=1e6 --set horizon_s=1000)
splitsim_cli_test("limits: work bound on clients" 2 "good.json: /clients: 1e\\+07 clients .* exceed the limit of 2e\\+06; raise it with --max-clients" run ${SC}/good.json --out ${TMP}/lim-10 --set clients.0.count=10000000)
splitsim_cli_test("limits: --threads -1" 2 "--threads: Value -1 not in range 0 to 1024" run ${SC}/good.json --out ${TMP}/lim-11 --threads -1)
splitsim_cli_test("limits: --threads 100000" 2 "--threads: Value 100000 not in range" run ${SC}/good.json --out ${TMP}/lim-12 --threads 100000)
splitsim_cli_test("limits: --seed -1 is the flag's fault" 2 "--seed: Value -1 not in range" run ${SC}/good.json --out ${TMP}/lim-13 --seed -1)
splitsim_cli_test("limits: --shard 1/-2" 2 "bad --shard \"1/-2\": expected I/N" sweep ${SW}/tiny.json --out ${TMP}/lim-14 --shard 1/-2)
splitsim_cli_test("limits: --set include" 2 "bad --set \"include=x.json\": includes are read before --set applies" run ${SC}/good.json --out ${TMP}/lim-15 --set include=x.json)
splitsim_cli_test("limits: --set index with a leading zero" 2 "bad --set path \"clients.00.count\": \"00\" is not an index" run ${SC}/good.json --out ${TMP}/lim-16 --set clients.00.count=2)
splitsim_cli_test("limits: --set index with a sign" 2 "bad --set path \"clients.\\+0.count\": \"\\+0\" is not an index" run ${SC}/good.json --out ${TMP}/lim-17 --set clients.+0.count=2)
splitsim_cli_test("limits: 64 two-value sweep axes" 2 "many_axes.json: /axes: more than 100000000 grid points" sweep ${LIM}/many_axes.json --out ${TMP}/lim-18)
splitsim_cli_test("limits: bad sweep format string" 2 "bad_format.json: /axes/0/format: bad format \"constant:\\{\"" sweep ${LIM}/bad_format.json --out ${TMP}/lim-19)
splitsim_cli_test("limits: a folder as the arrival trace" 2 "arrivals_folder.json: /clients/0/arrival/path: arrival trace \"\\.\" is not a regular file" run ${LIM}/arrivals_folder.json --out ${TMP}/lim-20)
splitsim_cli_test("limits: a layer beyond 2^60 FLOPs" 2 "huge_layer.json: /layers/0: layer \"fc\": its arithmetic exceeds the limit of 2\\^60 FLOPs" network show ${LIM}/huge_layer.json)
splitsim_cli_test("limits: a profile row beyond the size limits" 2 "huge_profile.csv: line 2: the layer's size" calibrate --profile ${LIM}/huge_profile.csv --out ${TMP}/lim-21.json)
add_test(NAME "cli: limits: bytes that are not UTF-8 in a path and a --set value"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/invalid_utf8.sh $<TARGET_FILE:splitsim> ${SC}/good.json ${TMP}/utf8)

# Traps a new user hit in a study (each failed before its fix)
set(SC ${CMAKE_CURRENT_SOURCE_DIR}/data/scenarios)
splitsim_cli_test("trap: a load level beside a load trace is refused, naming both" 2
                  "with_load_trace.json: /server/load_trace: sets both load_trace and load_level.*server.load_level=null"
                  run ${SC}/with_load_trace.json --out ${TMP}/trap-1 --force --set server.load_level=0.5)
splitsim_cli_test("trap: a sweep over load_level on a base with a load trace is refused" 2
                  "level_over_trace.json: /axes/0/values/0: value \"0\" of axis load: .*sets both load_trace and load_level"
                  sweep ${SW}/level_over_trace.json --out ${TMP}/trap-2 --force)
splitsim_cli_test("trap: --set key=null removes an inherited setting" 0 "with_load_trace"
                  run ${SC}/with_load_trace.json --out ${TMP}/trap-3 --force --set server.load_trace=null --set server.load_level=0.5)
splitsim_cli_test("trap: trace info takes the shipped names scenarios take" 0 "read as: two-column, convention start"
                  trace info lte)
splitsim_cli_test("trap: trace transfer takes the shipped names" 0 "^0\\.[0-9]+$" trace transfer 3g --bytes 10000 --at 0)
splitsim_cli_test("trap: trace info of the shipped load trace" 0 "kind: server load" trace info server-load --kind load)
splitsim_cli_test("trap: a load trace read as bandwidth hints --kind load" 2 "server-load.txt: line [0-9]+: .*add --kind load"
                  trace info ${CMAKE_SOURCE_DIR}/scenarios/traces/server-load.txt)
splitsim_cli_test("trap: drifting stamps are read as interval ends" 0 "read as: two-column, convention end \\(auto: two columns; only [0-9]+ % of the timestamps"
                  trace info ${TRACES}/drifting.txt)
splitsim_cli_test("trap: --convention overrides the detection" 0 "read as: two-column, convention start \\(auto: two columns\\)$"
                  trace info ${TRACES}/drifting.txt --convention start)
add_test(NAME "cli: trap: sweep --set overrides a base setting for every point"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/sweep_set.sh $<TARGET_FILE:splitsim> ${TMP}/trap-sweep-set ${SW}/tiny.json)
splitsim_cli_test("trap: sweep --set that the scenario rejects" 2 "bad --set path|/server/workers"
                  sweep ${SW}/tiny.json --out ${TMP}/trap-4 --force --set server.workers=0)
splitsim_cli_test("trap: an overloaded partitioner is flagged unstable, naming the resource" 0
                  "cloud-only +client [0-9]+'s uplink is offered [0-9]+ % of its capacity: its queue grows"
                  run ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json --out ${TMP}/trap-5 --force
                  --set clients.0.uplink.trace=constant:0.5)
splitsim_cli_test("trap: the run table says what each partitioner minimises" 0
                  "neurosurgeon-energy +predicted compute \\+ upload energy; promotions and tails are outside it"
                  run ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json --out ${TMP}/trap-6 --force)
splitsim_cli_test("trap: the old oracle name points to greedy-oracle" 2
                  "partitioner \"oracle\" is now \"greedy-oracle\""
                  run ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json --out ${TMP}/trap-7 --force --set "partitioners=[\"oracle\"]")
add_test(NAME "cli: trap: energy columns say what they sum, and the total adds up"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/energy_columns.py $<TARGET_FILE:splitsim> ${TMP}/trap-energy
                 ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json)
add_test(NAME "cli: trap: every README snippet runs, in order, on a fresh copy without ../shared"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/readme_snippets.py $<TARGET_FILE:splitsim> ${CMAKE_SOURCE_DIR} ${TMP}/readme)
add_test(NAME "cli: replications: first = plain run, thread-independent, intervals reported"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/replications.sh $<TARGET_FILE:splitsim> ${TMP}/replications
                 ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json)
add_test(NAME "cli: plots of a run and of a sweep" COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/plots.sh $<TARGET_FILE:splitsim> ${CMAKE_SOURCE_DIR} ${TMP}/plots)
add_test(NAME "cli: trace.json is a Gantt chart: named client and worker threads, flow arrows per query"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/trace_viewer.py $<TARGET_FILE:splitsim> ${TMP}/trace-viewer
                 ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json)
# validate: the strict readers without running anything; every file checked before anything is printed
splitsim_cli_test("validate: shipped files of every kind" 0
                  "alexnet-bandwidth-load.json: ok, a sweep: 100 points over bandwidth_mbps \\(10 values\\) x load \\(10 values\\)"
                  validate ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json ${CMAKE_SOURCE_DIR}/scenarios/sweeps/alexnet-bandwidth-load.json
                  ${CMAKE_SOURCE_DIR}/networks/imc.json ${CMAKE_SOURCE_DIR}/calibration/jetson-gpu.json)
splitsim_cli_test("validate: a bad axis value, after a good file, prints only the error" 2
                  "bad_value.json: /axes/0/values/1: value \"1.5\" of axis load"
                  validate ${CMAKE_SOURCE_DIR}/networks/imc.json ${SW}/bad_value.json)
splitsim_cli_test("validate: a bad network" 2 "unknown_type.json: /layers/1/type: unknown layer type"
                  validate ${BAD}/networks/unknown_type.json)
splitsim_cli_test("validate: a file of no known kind" 2 "host.json: cannot tell what kind of file this is"
                  validate ${CMAKE_SOURCE_DIR}/calibration/devices/host.json)
splitsim_cli_test("validate: --kind overrides the guess" 2 "imc.json: /: missing required key \"clients\""
                  validate ${CMAKE_SOURCE_DIR}/networks/imc.json --kind scenario)
add_test(NAME "cli: radio-aware policies: Neurosurgeon's choices with tails off, less energy with tails on"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/radio_aware_tails_off.py $<TARGET_FILE:splitsim> ${TMP}/radio-aware
                 ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json)
add_test(NAME "cli: slo-energy: radio-energy under a loose deadline, the fastest under an impossible one, misses counted"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/slo_energy.py $<TARGET_FILE:splitsim> ${TMP}/slo
                 ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json)
splitsim_cli_test("slo-energy without a deadline is refused" 2
                  "alexnet-lte.json: /partitioners/0: slo-energy needs a latency deadline: set the client group's slo_ms"
                  run ${CMAKE_SOURCE_DIR}/scenarios/examples/alexnet-lte.json --out ${TMP}/slo-none --force --set "partitioners=[\"slo-energy\"]")
add_test(NAME "cli: regret: no example below its lower bound, nothing beats an exact offline optimum, approximate said in words"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/regret.py $<TARGET_FILE:splitsim> ${TMP}/regret ${CMAKE_SOURCE_DIR})
