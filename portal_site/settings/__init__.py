"""Settings split by environment: ``base`` (shared), ``dev``, ``test``, ``production``.

Everything that differs between machines comes from the environment; see ``base.env``.
"""
