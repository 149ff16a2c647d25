"""The chat models an LLM generator can use, built from settings: Ollama, any OpenAI-compatible server, llama.cpp.

Each builder returns (model, ways to bind it to JSON output, display name); a missing package or setting is a
`GeneratorUnavailable` with one sentence saying what to install or set.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import GeneratorUnavailable
from ..settings import Settings


def chat_model(settings: Settings):
    """(model, structured-output binders, name) for `settings.generator`, which must name an LLM generator."""
    builders = {"ollama": _ollama, "openai": _openai, "llamacpp": _llamacpp}
    if settings.generator not in builders:
        raise GeneratorUnavailable(f"{settings.generator!r} is not an LLM generator: choose one of {', '.join(builders)}.")
    return builders[settings.generator](settings)


def _missing(extra: str, package: str) -> GeneratorUnavailable:
    return GeneratorUnavailable(f"The {extra} generator needs the {package} package: pip install 'assistant[{extra}]'.")


def _openai(settings: Settings):
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise _missing("openai", "langchain-openai") from None
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else os.environ.get("OPENAI_API_KEY")
    if not key and not settings.llm_base_url:
        raise GeneratorUnavailable(
            "The openai generator needs an API key (ASSISTANT_LLM_API_KEY or OPENAI_API_KEY), "
            "or ASSISTANT_LLM_BASE_URL pointing at an OpenAI-compatible server."
        )
    model_name = settings.llm_model or "gpt-4o-mini"
    model = ChatOpenAI(
        model=model_name,
        base_url=settings.llm_base_url,
        api_key=key or "not-needed",  # local OpenAI-compatible servers accept any key, the client needs one
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
        timeout=settings.llm_timeout,
        max_retries=1,
    )

    def json_schema(m):  # OpenAI, vLLM, LM Studio, llama.cpp's own server
        schema = {"name": "cited_answer", "schema": _schema(), "strict": True}
        return m.bind(response_format={"type": "json_schema", "json_schema": schema})

    def json_object(m):  # llama-cpp-python's server: JSON mode constrained by a schema
        return m.bind(response_format={"type": "json_object", "schema": _schema()})

    return model, [json_schema, json_object], f"openai:{model_name}"


def _ollama(settings: Settings):
    try:
        from langchain_ollama import ChatOllama
    except ImportError:
        raise _missing("ollama", "langchain-ollama") from None
    model_name = settings.llm_model or "llama3.2"
    model = ChatOllama(
        model=model_name,
        base_url=settings.llm_base_url,
        temperature=settings.llm_temperature,
        num_predict=settings.llm_max_tokens,
        client_kwargs={"timeout": settings.llm_timeout},
    )
    return model, [lambda m: m.bind(format=_schema())], f"ollama:{model_name}"


def _llamacpp(settings: Settings):
    try:
        import llama_cpp  # noqa: F401  (the compiled library; the chat wrapper below needs it)
        from langchain_community.chat_models import ChatLlamaCpp
    except ImportError:
        raise _missing("llamacpp", "llama-cpp-python") from None
    if not settings.llm_model:
        raise GeneratorUnavailable("The llamacpp generator needs ASSISTANT_LLM_MODEL set to the path of a .gguf model file.")
    path = settings.resolve(Path(settings.llm_model).expanduser())
    if not path.is_file():
        raise GeneratorUnavailable(f"No model file at {path}: set ASSISTANT_LLM_MODEL to the path of a .gguf file.")
    try:
        model = ChatLlamaCpp(
            model_path=str(path),
            n_ctx=settings.llm_context,
            temperature=settings.llm_temperature,
            max_tokens=settings.llm_max_tokens,
            n_threads=max(1, (os.cpu_count() or 2)),
            verbose=False,
        )
    except ValueError as error:
        raise GeneratorUnavailable(f"llama.cpp could not load {path.name}: {error}") from error
    return model, [lambda m: m.bind(response_format={"type": "json_object", "schema": _schema()})], f"llamacpp:{path.name}"


def _schema() -> dict:
    from .generator import SCHEMA

    return SCHEMA
