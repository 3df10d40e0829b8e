"""Background jobs: ingestion and evaluation runs queued for a worker (Huey), each tracked by a `Job` row.

With `SANJEH_JOBS=inline` (the default) a job runs at once in the process that asks for it, so the demo
and the tests need neither Redis nor a worker; with `redis` it waits in Redis for `sanjeh worker`.
"""
