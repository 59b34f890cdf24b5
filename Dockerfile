# One image for every docrelay service; the command picks the service:
#   docker run docrelay docrelay_gateway | docrelay_status | docrelay_status.maintenance | docrelay_extractor | ...
# No HEALTHCHECK here: what "healthy" means depends on the service the command starts, so
# docker-compose.yml and the Kubernetes manifests (deploy/k8s) define a probe per service.
FROM python:3.11-slim-bookworm AS build
COPY --from=ghcr.io/astral-sh/uv:0.13 /uv /usr/local/bin/uv
WORKDIR /app
ENV UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1
COPY pyproject.toml uv.lock ./
COPY libs libs
COPY services services
RUN --mount=type=cache,target=/root/.cache/uv uv sync --all-packages --frozen --no-dev

FROM python:3.11-slim-bookworm
# A fixed numeric uid/gid, so Kubernetes can check runAsNonRoot and volumes can be shared by fsGroup.
COPY scripts/apertium-pairs.txt /tmp/apertium-pairs.txt
RUN apt-get update \
 && apt-get install -y --no-install-recommends apertium libpango-1.0-0 libpangoft2-1.0-0 \
      libharfbuzz-subset0 poppler-utils fonts-dejavu-core fonts-dejavu-extra fonts-noto-core fonts-noto-mono \
      fonts-noto-cjk fonts-lmodern fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea \
      wamerican $(sed 's/#.*//' /tmp/apertium-pairs.txt) \
      tesseract-ocr tesseract-ocr-osd tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-fra tesseract-ocr-deu \
      tesseract-ocr-por tesseract-ocr-ita tesseract-ocr-cat tesseract-ocr-rus tesseract-ocr-ara \
      tesseract-ocr-chi-sim tesseract-ocr-jpn \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 docrelay \
 && useradd --create-home --uid 10001 --gid 10001 docrelay \
 && mkdir -p /data && chown docrelay:docrelay /data
COPY --from=build --chown=docrelay:docrelay /app /app
ENV PATH=/app/.venv/bin:$PATH DOCRELAY_DATA_DIR=/data PYTHONUNBUFFERED=1
WORKDIR /app
USER docrelay
# gateway, status, stage worker metrics, Flower
EXPOSE 8000 8001 9100 5555
ENTRYPOINT ["python", "-m"]
CMD ["docrelay_gateway"]
