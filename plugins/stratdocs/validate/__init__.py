"""Validate: check each document against its kind's JSON Schema, one finding per problem."""
