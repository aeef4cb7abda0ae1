"""Answer composition: intents, unit aliases, highlighted citations, "không tìm thấy"."""
