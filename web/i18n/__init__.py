"""The page's words in every language (words.py reads the catalogues of en/ and ko/)."""
