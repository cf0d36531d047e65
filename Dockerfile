# syntax=docker/dockerfile:1
# CapVente image: build the web client and the virtualenv, run as a non-root user.

FROM node:20-slim AS client
WORKDIR /client
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend ./
RUN npm run build

FROM python:3.12-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
COPY seed ./seed
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --upgrade pip \
    && /opt/venv/bin/pip install .

FROM python:3.12-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CAPVENTE_HOST=0.0.0.0 \
    CAPVENTE_VAR_DIR=/srv/capvente/var
# WeasyPrint (quotes as PDF) draws text with Pango and needs a font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 capvente
WORKDIR /srv/capvente
COPY --from=build /opt/venv /opt/venv
COPY alembic.ini ./
COPY migrations ./migrations
COPY --from=client /client/dist ./frontend/dist
RUN mkdir -p var && chown capvente var
USER capvente
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
# Migrations first (idempotent), then the server; `exec` so uvicorn gets the signals.
CMD ["sh", "-c", "capvente migrate && exec capvente serve"]
