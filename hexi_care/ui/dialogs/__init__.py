"""Dialogs that record one thing, a module per group: child.py (a new child, its profile and
categories), guardian.py (a parent or guardian and their situations), support.py (a notice delivery,
help given), casework.py (a follow-up, a referral, a mandatory report), activity.py (an activity and
its participants), attachments.py (the attachment viewer). base.py holds what they share.

Each saves through one service call on the database worker. Invalid input comes back as
InvalidInput and is shown at its field; nothing typed is cleared.
"""
