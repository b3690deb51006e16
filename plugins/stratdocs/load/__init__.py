"""Load: read files safely (sources), parse their YAML front matter with locations, into Documents."""
