# whosaid REST service: gunicorn, one spaCy pipeline per worker, on port 8000.
#   docker build -t whosaid .
#   docker run --rm -p 8000:8000 whosaid
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# Installed as .ci/run installs it: pip install . from the source tree. The
# English model is a PyPI dependency, so nothing is downloaded at run time.
WORKDIR /opt/whosaid
COPY pyproject.toml README.md ./
COPY service/ service/
COPY models/ models/
RUN pip install . \
    && useradd --system --create-home --user-group --uid 10001 whosaid

USER whosaid
WORKDIR /home/whosaid

# gunicorn's worker heartbeat file belongs in memory, not on the overlay disk.
ENV GUNICORN_CMD_ARGS="--worker-tmp-dir /dev/shm"
EXPOSE 8000

# Healthy once a worker's pipeline is loaded: /v1/health is 200 then, 503 before
# (urlopen raises on 503, so python exits 1). No curl in the slim image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/v1/health', timeout=4)"]

CMD ["whosaid", "serve", "--host", "0.0.0.0"]
