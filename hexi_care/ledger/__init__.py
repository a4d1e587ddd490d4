"""Bringing in the Excel ledgers (台账) directors already keep: reading, parsing, planning, applying.

`parse` is pure (header detection, column words, dates, row kinds); `read` opens .xlsx/.csv/.xls
files; the store side lives in `hexi_care.services.ledger_import`.
"""
