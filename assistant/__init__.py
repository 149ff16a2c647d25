"""A chat assistant that answers only from its documents and cites them verbatim."""

from .answers import Answer, Citation
from .chain import build_chain
from .errors import AssistantError
from .service import Assistant
from .settings import Settings

__all__ = ["Answer", "Assistant", "AssistantError", "Citation", "Settings", "build_chain"]
