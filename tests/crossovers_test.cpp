// Crossovers: where along a sweep axis a partitioner's most chosen split changes, from results.csv alone.

#include <catch2/catch.hpp>

#include "sweep/crossovers.hpp"

using namespace splitsim;

TEST_CASE("crossovers: each change between neighbouring axis values, per partitioner and other-axis values") {
  // Two axes (bw listed 1, 5, 20; load 0, 0.5), two partitioners; the fixed one never changes.
  std::string results =
      "point,bw,load,partitioner,queries,top_split\n"
      "0,1,0,ns,1,argmax\n0,1,0,cloud,1,input\n"
      "1,1,0.5,ns,1,argmax\n1,1,0.5,cloud,1,input\n"
      "2,5,0,ns,1,pool5\n2,5,0,cloud,1,input\n"
      "3,5,0.5,ns,1,argmax\n3,5,0.5,cloud,1,input\n"
      "4,20,0,ns,1,input\n4,20,0,cloud,1,input\n"
      "5,20,0.5,ns,1,pool5\n5,20,0.5,cloud,1,input\n";
  std::string expected =
      "axis,others,partitioner,from,to,split_before,split_after\n"
      "bw,load=0,ns,1,5,argmax,pool5\n"
      "bw,load=0,ns,5,20,pool5,input\n"
      "bw,load=0.5,ns,5,20,argmax,pool5\n"
      "load,bw=5,ns,0,0.5,pool5,argmax\n"
      "load,bw=20,ns,0,0.5,input,pool5\n";
  CHECK(crossovers_csv(results) == expected);
  std::string text = crossovers_text(expected, 2);
  CHECK(text == "  ns: bw 1 -> 5: argmax -> pool5 (load=0)\n  ns: bw 5 -> 20: pool5 -> input (load=0)\n"
                "  ... and 3 more in crossovers.csv\n");
  CHECK(crossovers_text(crossovers_csv("point,bw,partitioner,top_split\n0,1,ns,input\n1,2,ns,input\n"), 5) ==
        "no partitioner changes its most chosen split along any axis\n");
}
