"""The conformance kit: the standard's acceptance criteria, runnable against any system.

Feature files (Japanese Gherkin, ``features/``) tag every scenario with the
requirement IDs it checks and their level. The step library
(:mod:`~seikatsu_std.conformance.steps`, and for consultations, applications,
deadlines and decisions :mod:`~seikatsu_std.conformance.steps_lifecycle`, for need
determination, withdrawal and ex officio starts
:mod:`~seikatsu_std.conformance.steps_determination`, which name fields by their
titles in the standard through
:mod:`~seikatsu_std.conformance.fields`) talks to a target
(:mod:`~seikatsu_std.conformance.targets`): in-process, the reference app, or
any vendor system at a base URL. :mod:`~seikatsu_std.conformance.runner` runs
them and writes JSON, HTML and JUnit reports.
"""
