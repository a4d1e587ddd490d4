"""The desktop window (PySide6): the only package that imports Qt. Entry point: hexi_care.ui.app:main."""
