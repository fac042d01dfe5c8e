//! The smaller dialogs: budget, yes/no, user picker, category manager.

use crate::domain::{Category, CategoryId, ExpenseId, User, matching_categories};

use super::expense_form::ExpenseForm;
use super::text_field::TextField;

/// Sets a category's budget for the month shown.
#[derive(Debug, Clone)]
pub struct BudgetForm {
    pub category: TextField,
    pub amount: TextField,
    /// True while the amount field has the focus.
    pub on_amount: bool,
    pub suggestions: Vec<String>,
}

impl BudgetForm {
    pub fn new(category: &str, amount: &str, categories: &[Category]) -> BudgetForm {
        let mut form = BudgetForm {
            category: TextField::new("Category", category),
            amount: TextField::new("Budget", amount),
            on_amount: !category.is_empty(),
            suggestions: Vec::new(),
        };
        form.after_edit(categories);
        form.focused().focus();
        form
    }

    pub fn focused(&mut self) -> &mut TextField {
        if self.on_amount {
            &mut self.amount
        } else {
            &mut self.category
        }
    }

    /// Tab: complete the category from the first suggestion, then switch fields.
    pub fn switch_field(&mut self, categories: &[Category]) {
        if !self.on_amount
            && let Some(first) = self.suggestions.first()
            && !categories.iter().any(|c| c.name == self.category.value())
        {
            let first = first.clone();
            self.category.set(&first);
        }
        self.on_amount = !self.on_amount;
        self.focused().focus();
    }

    pub fn after_edit(&mut self, categories: &[Category]) {
        self.suggestions = matching_categories(
            self.category.value(),
            categories.iter().map(|c| c.name.as_str()),
        )
        .into_iter()
        .map(str::to_string)
        .collect();
    }
}

/// What a "yes" does.
#[derive(Debug, Clone)]
pub enum Pending {
    DeleteExpense(ExpenseId),
    DeleteCategory(CategoryId),
    DeleteRecurring(crate::domain::RecurringId),
    /// Save the form again, with the question just answered taken as agreed.
    SaveExpense(Box<ExpenseForm>),
}

/// A yes/no question; the action waits as data until it is answered.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Pending,
    /// The dialog to go back to after "no" (and after "yes", unless the answer closes it).
    pub back_to: Option<Box<Modal>>,
}

/// A list to pick one entry from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker<T> {
    pub items: Vec<T>,
    pub highlighted: usize,
}

impl<T> Picker<T> {
    pub fn new(items: Vec<T>, highlighted: usize) -> Picker<T> {
        let highlighted = highlighted.min(items.len().saturating_sub(1));
        Picker { items, highlighted }
    }

    pub fn step(&mut self, down: bool) {
        let last = self.items.len().saturating_sub(1);
        self.highlighted = if down {
            (self.highlighted + 1).min(last)
        } else {
            self.highlighted.saturating_sub(1)
        };
    }

    pub fn current(&self) -> Option<&T> {
        self.items.get(self.highlighted)
    }
}

/// A new category being typed: its name and a description.
#[derive(Debug, Clone)]
pub struct NewCategoryForm {
    pub name: TextField,
    pub description: TextField,
    /// True while the description has the focus.
    pub on_description: bool,
}

impl Default for NewCategoryForm {
    fn default() -> Self {
        NewCategoryForm::new()
    }
}

impl NewCategoryForm {
    pub fn new() -> NewCategoryForm {
        NewCategoryForm {
            name: TextField::new("Name", ""),
            description: TextField::new("About", ""),
            on_description: false,
        }
    }

    pub fn focused(&mut self) -> &mut TextField {
        if self.on_description {
            &mut self.description
        } else {
            &mut self.name
        }
    }

    pub fn switch_field(&mut self) {
        self.on_description = !self.on_description;
        self.focused().focus();
    }
}

/// The category manager: the list, and perhaps a new category being typed.
#[derive(Debug, Clone)]
pub struct CategoryManager {
    pub list: Picker<Category>,
    pub new_category: Option<NewCategoryForm>,
}

/// Every dialog the app can show over the main screen.
#[derive(Debug, Clone)]
pub enum Modal {
    Expense(Box<ExpenseForm>),
    Budget(BudgetForm),
    Confirm(Confirm),
    Help,
    Users(Picker<User>),
    Categories(CategoryManager),
    Import(Box<super::import_dialog::ImportDialog>),
    Recurring(Box<super::recurring_dialog::RecurringManager>),
}
