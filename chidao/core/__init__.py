"""The base of chidao: value objects, errors, Vietnamese text helpers and the genre vocabulary.

Everything else imports from here; nothing here imports from the rest of the project.
"""
