"""Another build of the test adapters' package, under the same name: what a baseline worker imports first."""
