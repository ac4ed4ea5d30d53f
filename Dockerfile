# The image docker-compose.yml runs as web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

# glibc returns freed memory to the system sooner with these: a web worker holding the facet index
# of a million pledges stays under 300 MB (285 MB after 50 registry requests, 342 MB without them;
# README, "Scaling curve").
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MALLOC_MMAP_THRESHOLD_=65536 \
    MALLOC_TRIM_THRESHOLD_=131072 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# Pango and HarfBuzz for WeasyPrint; DejaVu and Noto so that PDFs have a font for every script we
# print (Arabic and Chinese included); gettext to compile the six languages' catalogues.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
       fonts-noto-core fonts-noto-cjk gettext \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv==0.13.8 \
    && useradd --create-home --uid 1000 portal

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --python python3.11
COPY --chown=portal:portal . .
RUN DEBUG=false ALLOWED_HOSTS=build SECRET_KEY=collectstatic-only-not-a-real-secret-key-0123456789abcdef \
    python manage.py collectstatic --noinput \
    && python manage.py compilemessages --ignore=.venv \
    && mkdir -p /app/media && chown portal:portal /app/media

USER portal
EXPOSE 8000
CMD ["gunicorn", "imrf_portal.wsgi", "-c", "imrf_portal/gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120", "--access-logfile", "-"]
