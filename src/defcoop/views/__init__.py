"""Views of a dataset's answers: panels, dyad profile, timeline, evidence, graph, citations.

Each takes a :class:`~defcoop.query.collection.Collection` as an argument and never imports
the dataset or anything above it; :class:`defcoop.Dataset` offers them as methods.
"""
