"""Printed documents (reportlab) and register exports: data classes, renderers, fonts, styles.

Import the pieces from their modules: `hexi_care.reports.data` (plain data, no reportlab),
`hexi_care.reports.checklist`, `.notice`, `.summary`, `.casefile`, `.statistics`, `.batch`,
`.register`. This package file stays empty so that importing the data classes never loads reportlab.
"""
