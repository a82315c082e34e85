"""Renderers: one pure function per surface, from a Briefing to what that surface shows."""
