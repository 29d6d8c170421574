"""What readers see: page models, blocks, templates, feeds, search and (later) the public API.

Import direction: ``cms`` never imports ``editorial``. Whatever the public site needs from the
review machinery is handed to it (fields written on the page when it goes live, hooks, signals).
"""
