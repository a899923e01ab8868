"""Geometry that knows no partnerships: places and country bounds, arcs and distances, the offline basemap, map assets, geocoding."""
