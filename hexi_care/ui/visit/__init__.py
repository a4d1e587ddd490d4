"""The home-visit form, split along its seams: form.py (the window: sections, values, loading),
saving.py (drafts, submission and closing), ratings.py (one rated section), view.py (the read-only
summary the review page and the child file show)."""
