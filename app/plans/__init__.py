"""The commercial action plan (PAC): objectives, decomposition, actions, coherence
(app/plans/README.md).
"""
