"""Finding the passages a question needs: dense and keyword search, fused."""

from .hybrid import HybridRetriever, RetrievalConfig
from .keyword import KeywordIndex

__all__ = ["HybridRetriever", "KeywordIndex", "RetrievalConfig"]
