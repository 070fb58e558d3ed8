magic_constant = {{example_constant}}
