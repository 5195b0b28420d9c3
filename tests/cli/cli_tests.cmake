# CLI tests: each runs build/splitsim once and checks its exit code and output (tests/cli/check.sh).

set(SPLITSIM_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/cli/check.sh)
set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/data)

function(splitsim_cli_test name expected_exit regex)
  add_test(NAME "cli: ${name}" COMMAND ${SPLITSIM_CHECK} ${expected_exit} "${regex}" $<TARGET_FILE:splitsim> ${ARGN})
endfunction()

# Usage
splitsim_cli_test("--help lists the commands" 0 "network" --help)
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
