"""The standard's workflows (state machines with guards, authority and legal clocks).

:mod:`~seikatsu_std.workflows.engine` defines what a workflow is;
:mod:`~seikatsu_std.workflows.lifecycle` declares the case lifecycle;
:mod:`~seikatsu_std.workflows.clocks` computes the application deadlines.
"""
