"""chidao: semantic search and question answering over Vietnamese directive documents."""
