"""A synthetic province for demos, tests and benchmarks: registry, Persian news corpus and its ground truth.

Everything here is invented (agencies are realistic kinds, people and events are fictional) and is
labelled synthetic wherever it is shown.
"""

from sanjeh.synth.generate import SynthReport, generate_corpus

__all__ = ["SynthReport", "generate_corpus"]
