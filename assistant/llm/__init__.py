"""Answers written by a language model: the chat models, the LLM generator, and the verifier that grounds them."""
