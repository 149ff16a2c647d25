"""The offline reader: what a question asks for, and the extractive generator that answers it with quotes."""
