"""The standard HTTP API as a contract: operations, bodies, problems, OpenAPI.

Any vendor can implement it; the reference app does, and serves exactly
:func:`~seikatsu_std.api.contract.openapi_document` (published as
``schemas/openapi.json``).
"""
