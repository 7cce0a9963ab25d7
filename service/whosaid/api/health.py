"""``/v1/health``: whether this worker can attribute text now."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from whosaid.api.engine import READY
from whosaid.api.extension import ready_engine
from whosaid.api.problems import documented
from whosaid.schemas import HealthSchema

blp = Blueprint(
    "health",
    __name__,
    url_prefix="/v1/health",
    description="Readiness, for load balancers and container health checks.",
)


@blp.route("")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @documented(blp, 503)
    def get(self) -> dict[str, str]:
        """Whether the pipeline is loaded

        200 once this worker's pipeline is ready; 503 while it loads or if it
        failed to load.
        """
        ready_engine()
        return {"status": READY}
