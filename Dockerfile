# One image for every docrelay service; the command picks the service:
#   docker run docrelay docrelay_gateway | docrelay_status | docrelay_extractor | docrelay_translator | ...
FROM python:3.11-slim-bookworm AS build
COPY --from=ghcr.io/astral-sh/uv:0.13 /uv /usr/local/bin/uv
WORKDIR /app
ENV UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1
COPY pyproject.toml uv.lock ./
COPY libs libs
COPY services services
RUN uv sync --all-packages --frozen --no-dev

FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends apertium apertium-eng-spa libpango-1.0-0 libpangoft2-1.0-0 \
      libharfbuzz-subset0 fonts-dejavu-core fonts-dejavu-extra fonts-noto-core fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 docrelay \
 && mkdir -p /data && chown docrelay /data
COPY --from=build --chown=docrelay /app /app
ENV PATH=/app/.venv/bin:$PATH DOCRELAY_DATA_DIR=/data PYTHONUNBUFFERED=1
WORKDIR /app
USER docrelay
ENTRYPOINT ["python", "-m"]
CMD ["docrelay_gateway"]
