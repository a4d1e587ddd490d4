"""hexi-care: offline-first case work for community child-protection (儿童主任, 儿童督导员, 区未保中心)."""

__version__ = "0.1.0"
