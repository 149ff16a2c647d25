"""The corpus: reading documents, cutting them into chunks, and keeping chunks and vectors in Chroma."""
