"""Persistence of the reference app: SQLAlchemy tables and stores behind the ports."""
