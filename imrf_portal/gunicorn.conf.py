"""gunicorn's settings for the web process (Dockerfile, docker-compose.yml: `-c imrf_portal/gunicorn.conf.py`)."""


def post_worker_init(worker):
    """Each web worker loads the registry's facet index (from the cache, or builds and shares it)
    before it takes a request, so that no visitor's request builds it."""
    from pledges.registry import index

    try:
        index.refresh()
    except Exception:  # noqa: BLE001 - a worker without an index still serves (503 on the registry)
        worker.log.exception("The registry's facet index could not be built at start.")
