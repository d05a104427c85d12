"""Queries: the collection of records with its indexes, lookups, results and tables.

Above :mod:`defcoop.model`, below the views: :class:`~defcoop.query.collection.Collection`
is a dataset without its views, :class:`~defcoop.query.results.Results` the answer of a query.
"""
