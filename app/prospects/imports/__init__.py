"""Prospect import: upload → dry-run (parse, map, validate, find duplicates) → commit.

Small modules, each testable alone:

- ``parsing``: bytes → header and rows (CSV ``,``/``;`` in UTF-8 or Windows-1252, XLSX);
- ``mapping``: source columns → prospect fields (suggested from the headers, overridable);
- ``rows``: one row → normalised values or errors (the API's rules, ``validation.py``);
- ``duplicates``: SIRET, e-mail, phone, fuzzy name in the same postcode;
- ``pipeline``: the three together, batch by batch, with the report;
- ``writer``: bulk writes of the commit (Core inserts, a few ORM updates);
- ``service``: the job's lifecycle (create, dry-run, commit, cancel) and its transactions.
"""
