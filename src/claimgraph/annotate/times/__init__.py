"""Time expressions: find them, give each a TIMEX3 type, value and mod, infer a missing DCT.

``component`` registers the spaCy factory ``claimgraph_times_v1``; ``extract.find_times`` does the
work on plain text; ``dct.infer_dct`` dates an undated report.
"""
