// Part of a folder validator: the constant is replaced by judge.
#define MAX_VALUE {{max_value}}
