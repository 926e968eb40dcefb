"""The reference web application of seikatsu_std (FastAPI + SQLAlchemy)."""
